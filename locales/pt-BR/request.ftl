# request texts (pt-BR).
