-- protect #p2 from every later step
return { api = 1, keep = { "#p2" } }
