# panel texts (fr).
