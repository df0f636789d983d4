import { markWordStarts } from './palette-rank'

/** A name or subject with the word starts that matched what is typed marked. */
export function Marked({ text, typed }: { text: string; typed: string }) {
  return (
    <>
      {markWordStarts(text, typed).map((part, index) =>
        part.marked ? (
          <mark key={index} className="palette__match">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  )
}
