# queue texts (es-ES).
