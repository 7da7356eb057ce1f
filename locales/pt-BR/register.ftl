# register texts (pt-BR).
