# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Deine Anfrage wurde aktualisiert. { $line }
dm-request-given = 🧰 Dir wurde eine Anfrage zum Herstellen gegeben. { $line }
dm-request-taken = 🧰 Eine Anfrage von dir wurde jemand anderem gegeben. { $line }
