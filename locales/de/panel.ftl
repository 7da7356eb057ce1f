# panel texts (de).
