return { api = 2, remove = { "p" } }
