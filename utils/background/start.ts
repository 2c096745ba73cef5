export function startBackground(): () => void {
  return () => {};
}
