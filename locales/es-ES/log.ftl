# log texts (es-ES).
