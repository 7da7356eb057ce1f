# setup texts (es-ES).
