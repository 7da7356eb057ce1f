# catalog texts (en-US).
