/**
 * People in the order a Vietnamese office lists them: by given name (the last word of the full
 * name: "Nguyễn Thị Thu" is filed under "Thu"), then family and middle names, in Vietnamese
 * collation (a ă â … d đ …: "Đặng" after "Dung", not after "Vũ" as code points put it).
 */
const collator = new Intl.Collator('vi', { numeric: true });

function parts(displayName: string): { given: string; rest: string } {
  // A note in brackets ("Trần Văn Minh (Chủ tọa)") is no part of the name it follows.
  const name = displayName.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' ').trim() || displayName.trim();
  const words = name.split(/\s+/);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

export function compareVietnameseNames(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  return collator.compare(x.given, y.given) || collator.compare(x.rest, y.rest);
}

/** A sorted copy; the same name twice is ordered by user name, so the list never shuffles. */
export function sortPeople<T extends { displayName: string; username: string }>(people: readonly T[]): T[] {
  return [...people].sort(
    (a, b) => compareVietnameseNames(a.displayName, b.displayName) || collator.compare(a.username, b.username),
  );
}
