import { newId } from '../../kernel/ids.js';
import { renderMessageItem, renderReasoningItem, renderToolCallItem } from './openai-responses-output.js';
import { type ResponsesToolNames, readCustomToolInput } from './responses-tool-names.js';

// The output-item half of the Responses stream: one item open at a time (a new kind of output
// closes the open one), each opened with output_item.added and closed with its *.done events.
// Custom tool input cannot be unwrapped from partial JSON, so it is sent in one delta at the end.

type OpenItem =
  | { kind: 'message'; id: string; outputIndex: number; text: string }
  | { kind: 'reasoning'; id: string; outputIndex: number; text: string }
  | {
      kind: 'tool';
      id: string;
      outputIndex: number;
      toolIndex: number;
      callId: string;
      flatName: string;
      argumentsJson: string;
    };

export interface ResponsesItemWriterOptions {
  emit: (type: string, payload: Record<string, unknown>) => string;
  toolNames: ResponsesToolNames;
}

export function createResponsesItemWriter({ emit, toolNames }: ResponsesItemWriterOptions) {
  const done: Record<string, unknown>[] = [];
  const toolItems = new Map<number, Extract<OpenItem, { kind: 'tool' }>>();
  let open: OpenItem | undefined;

  function isCustom(item: Extract<OpenItem, { kind: 'tool' }>): boolean {
    return toolNames.get(item.flatName)?.kind === 'custom';
  }

  function toolItem(item: Extract<OpenItem, { kind: 'tool' }>, status: 'in_progress' | 'completed') {
    return renderToolCallItem(
      {
        itemId: item.id,
        callId: item.callId,
        flatName: item.flatName,
        argumentsJson: item.argumentsJson,
        status,
      },
      toolNames,
    );
  }

  const closers = {
    message(item: Extract<OpenItem, { kind: 'message' }>): [string, Record<string, unknown>] {
      const where = { item_id: item.id, output_index: item.outputIndex, content_index: 0 };
      const part = { type: 'output_text', text: item.text, annotations: [], logprobs: [] };
      const finished = renderMessageItem(item.id, item.text);
      const text =
        emit('response.output_text.done', { ...where, text: item.text, logprobs: [] }) +
        emit('response.content_part.done', { ...where, part });
      return [text, finished];
    },
    reasoning(item: Extract<OpenItem, { kind: 'reasoning' }>): [string, Record<string, unknown>] {
      const where = { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
      const text =
        emit('response.reasoning_summary_text.done', { ...where, text: item.text }) +
        emit('response.reasoning_summary_part.done', {
          ...where,
          part: { type: 'summary_text', text: item.text },
        });
      return [text, renderReasoningItem(item.id, item.text)];
    },
    tool(item: Extract<OpenItem, { kind: 'tool' }>): [string, Record<string, unknown>] {
      const where = { item_id: item.id, output_index: item.outputIndex };
      const text = isCustom(item)
        ? emit('response.custom_tool_call_input.delta', {
            ...where,
            delta: readCustomToolInput(item.argumentsJson),
          }) +
          emit('response.custom_tool_call_input.done', {
            ...where,
            input: readCustomToolInput(item.argumentsJson),
          })
        : emit('response.function_call_arguments.done', { ...where, arguments: item.argumentsJson });
      return [text, toolItem(item, 'completed')];
    },
  };

  function closeOpen(): string {
    if (!open) return '';
    const item = open;
    open = undefined;
    const [text, finished] =
      item.kind === 'message'
        ? closers.message(item)
        : item.kind === 'reasoning'
          ? closers.reasoning(item)
          : closers.tool(item);
    done.push(finished);
    return text + emit('response.output_item.done', { output_index: item.outputIndex, item: finished });
  }

  function openItem(item: OpenItem, addedItem: Record<string, unknown>): string {
    const text = closeOpen();
    open = item;
    return text + emit('response.output_item.added', { output_index: item.outputIndex, item: addedItem });
  }

  return {
    writeText(delta: string): string {
      let text = '';
      if (open?.kind !== 'message') {
        const item = {
          kind: 'message' as const,
          id: `msg_${newId('gw')}`,
          outputIndex: done.length + (open ? 1 : 0),
          text: '',
        };
        text += openItem(item, renderMessageItem(item.id, '', 'in_progress'));
        const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
        text += emit('response.content_part.added', {
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: 0,
          part,
        });
      }
      const item = open as Extract<OpenItem, { kind: 'message' }>;
      item.text += delta;
      return (
        text +
        emit('response.output_text.delta', {
          item_id: item.id,
          output_index: item.outputIndex,
          content_index: 0,
          delta,
          logprobs: [],
        })
      );
    },
    writeReasoning(delta: string): string {
      let text = '';
      if (open?.kind !== 'reasoning') {
        const item = {
          kind: 'reasoning' as const,
          id: `rs_${newId('gw')}`,
          outputIndex: done.length + (open ? 1 : 0),
          text: '',
        };
        text += openItem(item, renderReasoningItem(item.id, ''));
        text += emit('response.reasoning_summary_part.added', {
          item_id: item.id,
          output_index: item.outputIndex,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        });
      }
      const item = open as Extract<OpenItem, { kind: 'reasoning' }>;
      item.text += delta;
      return (
        text +
        emit('response.reasoning_summary_text.delta', {
          item_id: item.id,
          output_index: item.outputIndex,
          summary_index: 0,
          delta,
        })
      );
    },
    startToolCall(toolIndex: number, callId: string, flatName: string): string {
      const outputIndex = done.length + (open ? 1 : 0);
      const item = {
        kind: 'tool' as const,
        id: `fc_${newId('gw')}`,
        outputIndex,
        toolIndex,
        callId: callId || `call_${newId('gw')}`,
        flatName,
        argumentsJson: '',
      };
      toolItems.set(toolIndex, item);
      return openItem(item, toolItem(item, 'in_progress'));
    },
    writeToolArguments(toolIndex: number, delta: string): string {
      const item = toolItems.get(toolIndex);
      if (!item) return '';
      item.argumentsJson += delta;
      if (isCustom(item) || open !== item) return '';
      return emit('response.function_call_arguments.delta', {
        item_id: item.id,
        output_index: item.outputIndex,
        delta,
      });
    },
    closeAll: closeOpen,
    doneItems: () => [...done],
  };
}
