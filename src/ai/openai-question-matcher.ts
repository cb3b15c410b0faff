// QuestionMatcher over the chat completions API: the model is shown the
// clinic's questions, numbered, and answers with a strict JSON schema holding
// one number or null. It never writes the answer: the chat sends the clinic's.
import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { QuestionMatcher } from "./ports.js";

export const QUESTION_SYSTEM_PROMPT = [
  "Você classifica a mensagem de um paciente de uma clínica.",
  "Escolha qual das perguntas numeradas a mensagem faz, com o mesmo sentido; se nenhuma for a mesma pergunta, responda null.",
  "Não responda ao paciente e não invente perguntas: devolva só o número escolhido ou null.",
].join(" ");

const choiceSchema = z.object({ question: z.number().int().nullable() });

export class OpenAiQuestionMatcher implements QuestionMatcher {
  constructor(private readonly client: OpenAI, private readonly model: string, private readonly timeoutMs: number) {}

  async choose(message: string, questions: string[]): Promise<number | null> {
    const numbered = questions.map((q, i) => `${i + 1}. ${q}`).join("\n");
    const completion = await this.client.chat.completions.parse({
      model: this.model,
      temperature: 0,
      messages: [
        { role: "system", content: QUESTION_SYSTEM_PROMPT },
        { role: "user", content: `Perguntas:\n${numbered}\n\nMensagem do paciente:\n"""\n${message}\n"""` },
      ],
      response_format: zodResponseFormat(choiceSchema, "clinic_question"),
    }, { timeout: this.timeoutMs });
    const chosen = completion.choices[0]?.message.parsed?.question ?? null;
    // The numbers shown start at 1; anything outside the list is no choice.
    return chosen !== null && chosen >= 1 && chosen <= questions.length ? chosen - 1 : null;
  }
}
