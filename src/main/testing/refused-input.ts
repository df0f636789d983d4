import { z } from 'zod'

/** A value no scalar, enum, array or strict object field accepts. */
const WRONG = { notAField: ['wrong type'] }

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) {
    return unwrap(schema.def.innerType as z.ZodType)
  }
  if (schema instanceof z.ZodPipe) return unwrap(schema.def.in as z.ZodType)
  return schema
}

function objectShapes(schema: z.ZodType): Array<Record<string, z.ZodType>> {
  const inner = unwrap(schema)
  if (inner instanceof z.ZodObject) return [inner.shape as Record<string, z.ZodType>]
  if (inner instanceof z.ZodUnion) {
    return (inner.options as z.ZodType[]).flatMap((option) => objectShapes(option))
  }
  return []
}

/**
 * An input that is well-formed JSON of the right overall shape (an object) but that the
 * method's own schema must refuse: every declared field holds a value of the wrong type, and
 * a method without fields gets one it does not declare. The refusal must then come from the
 * field checks, not from a message-level check that any non-object would trip.
 */
export function refusedInputFor(schema: z.ZodType): Record<string, unknown> {
  const keys = [...new Set(objectShapes(schema).flatMap((shape) => Object.keys(shape)))]
  if (keys.length === 0) return { notAField: true }
  return Object.fromEntries(keys.map((key) => [key, WRONG]))
}

/** The top-level field names an input schema declares (for checking where issues point). */
export function declaredFields(schema: z.ZodType): string[] {
  return [...new Set(objectShapes(schema).flatMap((shape) => Object.keys(shape)))]
}
