set encoding utf8
set terminal pngcairo enhanced size 1500,1000 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set multiplot layout 2,3 title "Euler–Maruyama with the exact score on the 25-Gaussian grid (seed 001): generated points over the data's 2σ circles\n{/*0.8 standard OU, start N(0, I); 2000 of 10000 particles shown; SW_2 = sliced W_2 to the exact data law (100 directions) ± std error}" font ',15'
set size ratio -1
set xrange [-3.2:3.2]; set yrange [-3.2:3.2]
set xtics 1; set ytics 1
set grid lc rgb '#eeeeee'
unset key
set title "T = 1, N = 4: SW_2 = 0.157 ± 0.007"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 0 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
set title "T = 1, N = 16: SW_2 = 0.087 ± 0.005"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 1 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
set title "T = 1, N = 64: SW_2 = 0.048 ± 0.008"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 2 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
set title "T = 3, N = 4: SW_2 = 0.234 ± 0.010"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 3 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
set title "T = 3, N = 16: SW_2 = 0.135 ± 0.006"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 4 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
set title "T = 3, N = 64: SW_2 = 0.073 ± 0.005"
plot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw 1.5, '' index 5 using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'
unset multiplot
