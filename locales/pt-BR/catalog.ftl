# catalog texts (pt-BR).
