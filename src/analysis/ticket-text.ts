/** The text the analyzer reads from a ticket: subject, a line break, body (training exports write the same). */
export function ticketText(ticket: { subject: string; body: string }): string {
  return `${ticket.subject}\n${ticket.body}`;
}
