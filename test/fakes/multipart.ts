/** multipart/form-data as the fakes read it (Node's own Response parses it): the text fields and the files. */

export interface FormFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export async function readForm(
  body: Buffer,
  contentType: string,
): Promise<{ fields: Map<string, string>; files: FormFile[] }> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const fields = new Map<string, string>();
  const files: FormFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields.set(field, value);
    else
      files.push({
        field,
        name: value.name,
        contentType: value.type,
        data: Buffer.from(await value.arrayBuffer()),
      });
  }
  return { fields, files };
}
