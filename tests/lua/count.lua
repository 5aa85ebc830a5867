winnow.log("info", "compiling count.lua")
return { api = 1, remove = { ".newsletter" } }
