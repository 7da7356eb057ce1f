# panel texts (es-ES).
