# status texts (es-ES).
