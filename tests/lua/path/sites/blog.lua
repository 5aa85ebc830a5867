-- listed in the index for *.blogspot.com
return {
  api = 1,
  sites = { "*.blogspot.com" },
  remove = { "#box" },
}
