// Reading and writing i32 words of the request header and field descriptors.

@inline export function word(base: usize, index: i32): i32 {
  return load<i32>(base + (<usize>index << 2));
}

@inline export function setWord(base: usize, index: i32, value: i32): void {
  store<i32>(base + (<usize>index << 2), value);
}

