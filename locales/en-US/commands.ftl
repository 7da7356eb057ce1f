# commands texts (en-US).
