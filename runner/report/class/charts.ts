/**
 * The two charts of report.html as inline SVG (no script, no network): the score
 * distribution and each check's pass rate. Each bar carries a <title> tooltip and
 * its number as text, so the page reads the same without colours.
 */
import { formatNumber } from "../text";
import { escapeHtml as esc } from "./html";
import { percent, type PassRate, type ScoreBin } from "./stats";

const svgOpen = (width: number, height: number, label: string, className: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(label)}">`;

export function distributionChart(bins: readonly ScoreBin[], maxScore: number): string {
  const width = 640;
  const height = 240;
  const [left, top, bottom] = [12, 22, 40];
  const plotHeight = height - top - bottom;
  const slot = (width - 2 * left) / Math.max(1, bins.length);
  const highest = Math.max(1, ...bins.map((b) => b.count));
  const parts = [svgOpen(width, height, `Score distribution out of ${formatNumber(maxScore)}`, "chart distribution")];
  bins.forEach((bin, i) => {
    const x = left + i * slot;
    const barHeight = (plotHeight * bin.count) / highest;
    const y = top + plotHeight - barHeight;
    const centre = (x + slot / 2).toFixed(1);
    parts.push(
      `<g class="bin" data-label="${esc(bin.label)}" data-count="${bin.count}">` +
        `<title>${esc(bin.label)} points: ${bin.count} student${bin.count === 1 ? "" : "s"}</title>` +
        `<rect x="${(x + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, slot - 2).toFixed(1)}" height="${barHeight.toFixed(1)}" class="bar"/>` +
        (bin.count ? `<text x="${centre}" y="${(y - 5).toFixed(1)}" class="count">${bin.count}</text>` : "") +
        `<text x="${centre}" y="${height - bottom + 16}" class="axis">${esc(bin.label)}</text></g>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${width - left}" y2="${top + plotHeight}" class="baseline"/>`);
  parts.push(`<text x="${width / 2}" y="${height - 6}" class="axis-title">points (out of ${formatNumber(maxScore)})</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}

export function passRateChart(rates: readonly PassRate[]): string {
  const rowHeight = 26;
  const labelWidth = 200;
  const barWidth = 320;
  const width = labelWidth + barWidth + 110;
  const height = rowHeight * rates.length + 8;
  const parts = [svgOpen(width, height, "Pass rate per check", "chart pass-rates")];
  rates.forEach((rate, i) => {
    const y = 4 + i * rowHeight;
    const share = rate.total ? rate.passed / rate.total : 0;
    const text = `${percent(rate.passed, rate.total)} (${rate.passed}/${rate.total})`;
    parts.push(
      `<g class="rate" data-check="${esc(rate.check.id)}" data-passed="${rate.passed}" data-total="${rate.total}">` +
        `<title>${esc(rate.check.title)}: ${text}</title>` +
        `<text x="${labelWidth - 8}" y="${y + 17}" class="label">${esc(rate.check.id)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${barWidth}" height="${rowHeight - 8}" class="track"/>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${(barWidth * share).toFixed(1)}" height="${rowHeight - 8}" class="bar"/>` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 17}" class="value">${text}</text></g>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
