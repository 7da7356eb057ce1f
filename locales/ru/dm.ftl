# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Ваша заявка обновлена. { $line }
dm-request-given = 🧰 Вам передали заявку на изготовление. { $line }
dm-request-taken = 🧰 Ваша заявка передана другому мастеру. { $line }
