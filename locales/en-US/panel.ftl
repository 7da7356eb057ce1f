# panel texts (en-US).
