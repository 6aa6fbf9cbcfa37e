// Static checks of a named query's SQL against its table: every column it names exists, every
// `:param` is declared (and every declared param used), it touches only its own table, and what it
// selects matches the declared row type. A small tokenizer is enough: queries are single statements
// over one table, and anything it cannot prove is reported rather than guessed.

export interface SqlProblem {
  message: string;
  hint: string;
  /** Text of the offending token, used to point at it inside the tag. */
  snippet: string;
}

export interface SqlAnalysis {
  verb: "SELECT" | "UPDATE" | "DELETE" | "INSERT";
  /** SQL with `:name` replaced by `?`. */
  sql: string;
  bind: string[];
  /** Output column names of a SELECT (`*` expanded), in order; [] for writes. */
  outputs: string[];
  problems: SqlProblem[];
}

interface Token {
  kind: "word" | "param" | "string" | "number" | "punct";
  text: string;
}

const KEYWORDS = new Set(
  `ABORT ALL AND AS ASC BETWEEN BY CASE CAST COLLATE CONFLICT CROSS DEFAULT DELETE DESC DISTINCT DO ELSE END ESCAPE
   EXCEPT EXISTS FALSE FROM GLOB GROUP HAVING IGNORE IN INDEXED INNER INSERT INTERSECT INTO IS ISNULL JOIN LEFT LIKE
   LIMIT NOCASE NOT NOTHING NOTNULL NULL OFFSET ON OR ORDER REPLACE RTRIM SELECT SET THEN TRUE UNION UPDATE USING
   VALUES WHEN WHERE INTEGER TEXT REAL BLOB ROWID CURRENT_TIMESTAMP CURRENT_DATE CURRENT_TIME`.split(/\s+/),
);

function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const re = /\s+|'(?:[^']|'')*'|:([A-Za-z_]\w*)|([A-Za-z_]\w*)|(\d+(?:\.\d+)?)|(<=|>=|<>|!=|\|\||.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sql))) {
    const t = m[0];
    if (/^\s/.test(t)) continue;
    if (t.startsWith("'")) out.push({ kind: "string", text: t });
    else if (m[1]) out.push({ kind: "param", text: m[1] });
    else if (m[2]) out.push({ kind: "word", text: m[2] });
    else if (m[3]) out.push({ kind: "number", text: t });
    else out.push({ kind: "punct", text: t });
  }
  return out;
}

export function analyzeQuery(
  rawSql: string,
  table: { name: string; columns: readonly string[] },
  declaredParams: readonly string[],
): SqlAnalysis {
  const problems: SqlProblem[] = [];
  const sql = rawSql.replace(/\s+/g, " ").trim();
  const tokens = tokenize(sql);
  const first = tokens[0]?.text.toUpperCase() ?? "";
  const verb = (["SELECT", "UPDATE", "DELETE", "INSERT"] as const).find((v) => v === first);
  if (!verb) {
    problems.push({ message: `query must be one SELECT, UPDATE, DELETE or INSERT statement, got \`${first || "nothing"}\``, hint: "write the SQL after the query signature", snippet: tokens[0]?.text ?? "" });
    return { verb: "SELECT", sql, bind: [], outputs: [], problems };
  }
  if (tokens.some((t) => t.text === ";")) problems.push({ message: "query must be a single statement", hint: "remove the `;` and split it into two named queries", snippet: ";" });

  const columns = new Set(table.columns);
  const aliases = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === "word" && tokens[i - 1]?.text.toUpperCase() === "AS") aliases.add(t.text);
  });

  const bind: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1]?.text.toUpperCase();
    const next = tokens[i + 1]?.text;
    if (t.kind === "param") {
      used.add(t.text);
      bind.push(t.text);
      if (!declaredParams.includes(t.text))
        problems.push({ message: `query uses unknown parameter :${t.text}`, hint: `declare it in the signature, e.g. (${[...declaredParams, t.text + ": string"].join(", ")})`, snippet: ":" + t.text });
      continue;
    }
    if (t.kind !== "word" || KEYWORDS.has(t.text.toUpperCase())) continue;
    if (next === "(") continue; // a function: count(), max(), coalesce()…
    if (prev === "FROM" || prev === "UPDATE" || prev === "INTO" || prev === "JOIN") {
      if (t.text !== table.name)
        problems.push({ message: `query reads table \`${t.text}\`; a table's queries may only use that table (\`${table.name}\`)`, hint: `declare the query on the model of \`${t.text}\``, snippet: t.text });
      continue;
    }
    if (next === ".") continue; // `chat_logs.seq`: the qualifier was checked above
    if (aliases.has(t.text)) continue;
    if (!columns.has(t.text))
      problems.push({ message: `query names unknown column \`${t.text}\` of table \`${table.name}\``, hint: `columns are snake_case: ${[...columns].join(", ")}`, snippet: t.text });
  }
  for (const p of declaredParams)
    if (!used.has(p)) problems.push({ message: `query parameter \`${p}\` is declared but never used`, hint: `reference it as :${p} in the SQL or remove it`, snippet: p });

  const outputs = verb === "SELECT" ? selectOutputs(tokens, table.columns, problems) : [];
  return { verb, sql: sql.replace(/:([A-Za-z_]\w*)/g, "?"), bind, outputs, problems };
}

/** Names of the SELECT list: `*` → all columns, `col` → col, `expr AS name` → name. */
function selectOutputs(tokens: Token[], tableColumns: readonly string[], problems: SqlProblem[]): string[] {
  let i = 1;
  if (tokens[i]?.text.toUpperCase() === "DISTINCT") i++;
  const items: Token[][] = [[]];
  let depth = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === "(") depth++;
    if (t.text === ")") depth--;
    if (depth === 0 && t.kind === "word" && t.text.toUpperCase() === "FROM") break;
    if (depth === 0 && t.text === ",") items.push([]);
    else items[items.length - 1]!.push(t);
  }
  const out: string[] = [];
  for (const item of items) {
    const last = item[item.length - 1];
    if (item.length === 1 && last?.text === "*") out.push(...tableColumns);
    else if (item.length === 1 && last?.kind === "word") out.push(last.text);
    else if (item.length >= 3 && item[item.length - 2]!.text.toUpperCase() === "AS" && last) out.push(last.text);
    else {
      const text = item.map((t) => t.text).join(" ");
      problems.push({ message: `selected expression \`${text}\` has no name`, hint: `name it: \`${text} AS some_name\` (snake_case of a row field)`, snippet: item[0]?.text ?? "" });
    }
  }
  return out;
}
