return { api = 1, sites = { "co.uk" }, remove = { "p" } }
