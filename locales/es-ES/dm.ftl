# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Tu solicitud se actualizó. { $line }
dm-request-given = 🧰 Te han dado una solicitud para fabricar. { $line }
dm-request-taken = 🧰 Una solicitud que tenías se le dio a otra persona. { $line }
