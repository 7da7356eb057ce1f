# panel texts (pt-BR).
