# register texts (es-ES).
