# request texts (es-ES).
