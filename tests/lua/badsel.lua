return {
  api = 1,
  remove = {
    ".ok",
    "div > > p",
  },
}
