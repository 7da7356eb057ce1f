# board texts (es-ES).
