# Notifications sent to a member's DMs (their last known language). $line is the change,
# worded as in the log channel (log-request-changed).
dm-request-updated = 🔔 Seu pedido foi atualizado. { $line }
dm-request-given = 🧰 Você recebeu um pedido para fabricar. { $line }
dm-request-taken = 🧰 Um pedido que estava com você foi passado para outra pessoa. { $line }
