# catalog texts (es-ES).
