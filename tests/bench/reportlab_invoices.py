#!/usr/bin/python3
# The reference engine for `make bench`: ReportLab rendering N one-page
# invoices laid out as crmbatch's (firm, client box, 10 lines, VAT table,
# totals, legal mentions, footer) with DejaVu Sans and DejaVu Sans Bold
# embedded (ReportLab subsets them itself), one file each in OUT, made
# durable by one sync at the end (as crmbatch's run: one syncfs, not one
# fsync a file). Prints "N seconds" on stdout.
# Usage: reportlab_invoices.py N OUT
import os
import sys
import time

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = "/usr/share/fonts/truetype/dejavu/"
pdfmetrics.registerFont(TTFont("DejaVu", FONTS + "DejaVuSans.ttf"))
pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONTS + "DejaVuSans-Bold.ttf"))


def money(cents):
    s = "%d,%02d" % (cents // 100, cents % 100)
    head, tail = s.split(",")
    groups = []
    while len(head) > 3:
        groups.insert(0, head[-3:])
        head = head[:-3]
    groups.insert(0, head)
    return "\u202f".join(groups).replace("\u202f", " ") + "," + tail


def invoice(path, n):
    w, h = A4
    c = canvas.Canvas(path, pagesize=A4, pageCompression=1, invariant=1)
    c.setTitle("Facture FAC-2026-%05d" % n)
    y = h - 50
    c.setFont("DejaVu-Bold", 14)
    c.drawString(40, y, "Armor Bureautique")
    c.setFont("DejaVu", 8.5)
    for i, line in enumerate(["8 rue du Port", "56000 Vannes", "02 97 40 12 34",
                              "contact@armor-bureautique.fr", "www.armor-bureautique.fr"]):
        c.drawString(40, y - 14 - 11 * i, line)
    c.rect(330, y - 70, 225, 80)
    c.drawString(336, y, "Client")
    c.setFont("DejaVu-Bold", 9)
    c.drawString(336, y - 14, "Client %d" % n)
    c.setFont("DejaVu", 8.5)
    c.drawString(336, y - 26, "1 rue de l'Église, bât A")
    c.drawString(336, y - 38, "56000 Vannes")
    y -= 110
    c.setFont("DejaVu-Bold", 16)
    c.drawString(40, y, "Facture n° FAC-2026-%05d" % n)
    c.setFont("DejaVu", 8.5)
    for i, (k, v) in enumerate([("Date de facture", "27/11/2026"), ("Date de livraison", "27/11/2026"),
                                ("Échéance", "30/12/2026"), ("Notre commande", "SO%d" % n),
                                ("Code client", "C%d" % n), ("SIREN client", "300000007")]):
        c.drawString(40, y - 16 - 11 * i, k)
        c.drawString(150, y - 16 - 11 * i, v)
    y -= 100
    c.setFillGray(0.93)
    c.rect(40, y - 3, 515, 13, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont("DejaVu-Bold", 8)
    for x, t in [(44, "Désignation"), (330, "Qté"), (380, "PU HT"), (430, "Remise"), (475, "TVA"), (515, "Montant HT")]:
        c.drawString(x, y, t)
    c.setFont("DejaVu", 8.5)
    total = 0
    for i in range(10):
        y -= 14
        qty, pu, disc = 4 + (n + i) % 15, 5000 + (n * 37 + i * 911) % 40000, 5 * (1 + i % 3)
        amount = qty * pu * (100 - disc) // 100
        total += amount
        c.drawString(44, y, 'Ligne %d, livraison "express"' % i)
        c.drawRightString(345, y, str(qty))
        c.drawRightString(415, y, money(pu))
        c.drawRightString(460, y, "%d %%" % disc)
        c.drawRightString(495, y, "20 %")
        c.drawRightString(555, y, money(amount))
    tax = total // 5
    y -= 30
    c.setFont("DejaVu-Bold", 8)
    c.drawString(44, y, "Taux TVA")
    c.drawString(120, y, "Base HT")
    c.drawString(190, y, "Montant TVA")
    c.setFont("DejaVu", 8.5)
    c.drawString(44, y - 12, "20 %")
    c.drawRightString(170, y - 12, money(total))
    c.drawRightString(250, y - 12, money(tax))
    for i, (k, v) in enumerate([("Total HT", total), ("Total TVA", tax), ("Total TTC", total + tax)]):
        c.setFont("DejaVu-Bold" if i == 2 else "DejaVu", 8.5)
        c.drawString(330, y - 12 * i, k)
        c.drawRightString(555, y - 12 * i, money(v) + " €")
    y -= 60
    c.setFont("DejaVu", 8)
    for line in ["Nature de l'opération : livraison de biens.",
                 "Conditions de paiement : fin de mois + 30 jours. Échéance : %s € le 30/12/2026" % money(total + tax),
                 "Pénalités de retard (C. com. art. L441-10), exigibles sans rappel le jour suivant la date d'échéance :",
                 "taux d'intérêt de la BCE majoré de 10 points.",
                 "Indemnité forfaitaire pour frais de recouvrement : 40 €.", "Pas d'escompte pour paiement anticipé.",
                 "Règlement par virement : IBAN FR76 3000 4000 0312 3456 7890 143 · BIC BNPAFRPPXXX."]:
        c.drawString(40, y, line)
        y -= 12
    c.setFont("DejaVu", 7)
    c.drawString(40, 50, "Armor Bureautique SARL au capital de 20 000,00 € · SIREN 812 345 676 · RCS Vannes 812 345 676")
    c.drawRightString(555, 50, "Page 1/1")
    c.showPage()
    c.save()


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    t = time.monotonic()
    for i in range(1, n + 1):
        invoice(os.path.join(out, "FAC-2026-%05d.pdf" % i), i)
    os.sync()  # durable, as crmbatch's run (one syncfs for the batch, not one fsync a file)
    print(n, "%.3f" % (time.monotonic() - t))


main()
