# commands texts (es-ES).
