# setup texts (pt-BR).
