# log texts (pt-BR).
