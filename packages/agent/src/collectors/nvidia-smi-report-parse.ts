/*
 * Parsers for the other nvidia-smi outputs an operator may attach to a support request or that the agent
 * reads for facts: `--query-compute-apps`, `dmon`, `-q -x`, the plain table and `topo -m`.
 */
import { parseNvidiaSmiQueryCsv, readNumber } from './nvidia-smi-query-parse.js';

export type GpuProcess = { pid: number; processName: string; usedMemoryMib: number | null; gpuUuid: string };

/** `--query-compute-apps=pid,process_name,used_memory,gpu_uuid --format=csv,noheader,nounits`. */
export function parseComputeApps(text: string): GpuProcess[] {
  const fields = ['pid', 'process_name', 'used_memory', 'gpu_uuid'];
  return parseNvidiaSmiQueryCsv(text, fields).map((row) => ({
    pid: readNumber(row, 'pid') ?? 0,
    processName: row.process_name ?? '',
    usedMemoryMib: readNumber(row, 'used_memory'),
    gpuUuid: row.gpu_uuid ?? '',
  }));
}

/** `nvidia-smi dmon`: the first comment line names the columns; `-` means no reading. */
export function parseDmon(text: string): Array<Record<string, number | null>> {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = lines.find((line) => line.startsWith('#'));
  if (!header) return [];
  const columns = header.replace(/^#/, '').trim().split(/\s+/);
  return lines
    .filter((line) => !line.startsWith('#'))
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return Object.fromEntries(
        columns.map((column, position) => {
          const value = Number(cells[position]);
          return [column, Number.isFinite(value) ? value : null];
        }),
      );
    });
}

export type NvidiaSmiXmlGpu = {
  uuid: string;
  productName: string;
  memoryTotalMib: number | null;
  memoryUsedMib: number | null;
  utilizationPercent: number | null;
  temperatureC: number | null;
  powerWatts: number | null;
  smClockMhz: number | null;
};

function innerText(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match ? match[1] : null;
}

function leadingNumber(text: string | null): number | null {
  const match = text === null ? null : /^\s*(-?[\d.]+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** `nvidia-smi -q -x`: reads the same readings as the CSV query from each `<gpu>` element. */
export function parseNvidiaSmiXml(xml: string): {
  driverVersion: string | null;
  cudaVersion: string | null;
  gpus: NvidiaSmiXmlGpu[];
} {
  const gpuBlocks = xml.match(/<gpu id="[^"]*">[\s\S]*?\n\t<\/gpu>/g) ?? [];
  const gpus = gpuBlocks.map((block) => {
    const memory = innerText(block, 'fb_memory_usage') ?? '';
    const power = innerText(block, 'gpu_power_readings') ?? '';
    return {
      uuid: innerText(block, 'uuid') ?? '',
      productName: innerText(block, 'product_name') ?? '',
      memoryTotalMib: leadingNumber(innerText(memory, 'total')),
      memoryUsedMib: leadingNumber(innerText(memory, 'used')),
      utilizationPercent: leadingNumber(innerText(innerText(block, 'utilization') ?? '', 'gpu_util')),
      temperatureC: leadingNumber(innerText(innerText(block, 'temperature') ?? '', 'gpu_temp')),
      powerWatts: leadingNumber(innerText(power, 'average_power_draw') ?? innerText(power, 'power_draw')),
      smClockMhz: leadingNumber(innerText(innerText(block, 'clocks') ?? '', 'sm_clock')),
    };
  });
  return {
    driverVersion: innerText(xml, 'driver_version'),
    cudaVersion: innerText(xml, 'cuda_version'),
    gpus,
  };
}

/** Plain `nvidia-smi`: versions from the banner, and per GPU the `Pwr / Memory-Usage / GPU-Util` line. */
export function parseNvidiaSmiTable(text: string) {
  const driverVersion = /Driver Version:\s*(\S+)/.exec(text)?.[1] ?? null;
  const cudaVersion = /CUDA Version:\s*(\S+)/.exec(text)?.[1] ?? null;
  const usageLine =
    /\|\s*(\S+)\s+(\d+)C\s+(P\d+)\s+(\d+)W\s*\/\s*(\d+)W\s*\|\s*(\d+)MiB\s*\/\s*(\d+)MiB\s*\|\s*(\d+)%/g;
  const gpus = [...text.matchAll(usageLine)].map((match) => ({
    temperatureC: Number(match[2]),
    performanceState: match[3],
    powerWatts: Number(match[4]),
    powerLimitWatts: Number(match[5]),
    memoryUsedMib: Number(match[6]),
    memoryTotalMib: Number(match[7]),
    utilizationPercent: Number(match[8]),
  }));
  return { driverVersion, cudaVersion, gpus };
}

/** `nvidia-smi topo -m`: the header carries ANSI underline codes; rows map GPU → column → link kind. */
export function parseTopoMatrix(text: string): Record<string, Record<string, string>> {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are the point here.
  const clean = text.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = clean.split('\n');
  const headerIndex = lines.findIndex((line) => /^\s*GPU\d/.test(line) && line.includes('Affinity'));
  if (headerIndex < 0) return {};
  const columns = lines[headerIndex]
    .trim()
    .split('\t')
    .map((column) => column.trim());
  const matrix: Record<string, Record<string, string>> = {};
  for (const line of lines.slice(headerIndex + 1)) {
    if (!/^GPU\d+\t/.test(line)) break;
    const [rowName, ...cells] = line.split(/\t+/).map((cell) => cell.trim());
    matrix[rowName] = Object.fromEntries(columns.map((column, position) => [column, cells[position] ?? '']));
  }
  return matrix;
}
