# commands texts (pt-BR).
