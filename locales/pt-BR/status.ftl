# status texts (pt-BR).
