# dm texts (es-ES).
