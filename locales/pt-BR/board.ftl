# board texts (pt-BR).
