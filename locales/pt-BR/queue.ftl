# queue texts (pt-BR).
