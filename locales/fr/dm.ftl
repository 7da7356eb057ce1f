# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Ta demande a été mise à jour. { $line }
dm-request-given = 🧰 On t'a confié une demande à fabriquer. { $line }
dm-request-taken = 🧰 Une demande que tu avais a été confiée à quelqu'un d'autre. { $line }
