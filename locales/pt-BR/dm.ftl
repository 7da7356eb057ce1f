# dm texts (pt-BR).
