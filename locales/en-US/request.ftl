# request texts (en-US).
