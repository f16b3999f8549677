/** The items of an agenda or a checklist, numbered. */
export function NumberedList({ items }: { items: string[] }) {
  return (
    <ol className="plain-list">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ol>
  );
}
