# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meta_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QSpinBox

class Ui_MetaPanel(object):
    def setupUi(self, MetaPanel):
        if not MetaPanel.objectName():
            MetaPanel.setObjectName(u"MetaPanel")
        self.layout = QHBoxLayout(MetaPanel)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(8, 6, 8, 2)
        self.issuer_label = QLabel(MetaPanel)
        self.issuer_label.setObjectName(u"issuer_label")

        self.layout.addWidget(self.issuer_label)

        self.issuer = QLineEdit(MetaPanel)
        self.issuer.setObjectName(u"issuer")
        self.issuer.setMinimumSize(QSize(150, 0))

        self.layout.addWidget(self.issuer)

        self.gap_1 = QSpacerItem(6, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.layout.addItem(self.gap_1)

        self.year_label = QLabel(MetaPanel)
        self.year_label.setObjectName(u"year_label")

        self.layout.addWidget(self.year_label)

        self.year = QSpinBox(MetaPanel)
        self.year.setObjectName(u"year")
        self.year.setKeyboardTracking(False)
        self.year.setMinimum(2008)
        self.year.setMaximum(2100)

        self.layout.addWidget(self.year)

        self.gap_2 = QSpacerItem(6, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.layout.addItem(self.gap_2)

        self.level_label = QLabel(MetaPanel)
        self.level_label.setObjectName(u"level_label")

        self.layout.addWidget(self.level_label)

        self.level = QComboBox(MetaPanel)
        self.level.setObjectName(u"level")

        self.layout.addWidget(self.level)

        self.gap_3 = QSpacerItem(6, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.layout.addItem(self.gap_3)

        self.contact_label = QLabel(MetaPanel)
        self.contact_label.setObjectName(u"contact_label")

        self.layout.addWidget(self.contact_label)

        self.contact = QLineEdit(MetaPanel)
        self.contact.setObjectName(u"contact")

        self.layout.addWidget(self.contact)

        self.gap_4 = QSpacerItem(6, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.layout.addItem(self.gap_4)

        self.format_label = QLabel(MetaPanel)
        self.format_label.setObjectName(u"format_label")

        self.layout.addWidget(self.format_label)

        self.layout.setStretch(1, 3)
        self.layout.setStretch(10, 2)
#if QT_CONFIG(shortcut)
        self.issuer_label.setBuddy(self.issuer)
        self.year_label.setBuddy(self.year)
        self.level_label.setBuddy(self.level)
        self.contact_label.setBuddy(self.contact)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MetaPanel)
    # setupUi

    def retranslateUi(self, MetaPanel):
        self.issuer_label.setText(QCoreApplication.translate("MetaPanel", u"\u53d1\u5e03\u673a\u5173", None))
        self.issuer.setPlaceholderText(QCoreApplication.translate("MetaPanel", u"\u4f8b\u5982\uff1a\u67d0\u67d0\u9547\u4eba\u6c11\u653f\u5e9c", None))
        self.year_label.setText(QCoreApplication.translate("MetaPanel", u"\u62a5\u544a\u5e74\u5ea6", None))
        self.year.setSuffix(QCoreApplication.translate("MetaPanel", u" \u5e74\u5ea6", None))
        self.level_label.setText(QCoreApplication.translate("MetaPanel", u"\u5c42\u7ea7", None))
        self.contact_label.setText(QCoreApplication.translate("MetaPanel", u"\u8054\u7cfb\u65b9\u5f0f", None))
        self.contact.setPlaceholderText(QCoreApplication.translate("MetaPanel", u"\u8054\u7cfb\u4eba\u3001\u7535\u8bdd", None))
        pass
    # retranslateUi

