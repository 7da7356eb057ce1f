# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Your request was updated. { $line }
dm-request-given = 🧰 You were given a request to craft. { $line }
dm-request-taken = 🧰 A request you had was given to someone else. { $line }
